using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class WarningResolution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Resolution",
                table: "Warnings",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResolutionNote",
                table: "Warnings",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ResolvedAtUtc",
                table: "Warnings",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResolvedBy",
                table: "Warnings",
                type: "nvarchar(max)",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Resolution",
                table: "Warnings");

            migrationBuilder.DropColumn(
                name: "ResolutionNote",
                table: "Warnings");

            migrationBuilder.DropColumn(
                name: "ResolvedAtUtc",
                table: "Warnings");

            migrationBuilder.DropColumn(
                name: "ResolvedBy",
                table: "Warnings");
        }
    }
}
