using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class MonitoringRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RecordImports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    JurisdictionId = table.Column<int>(type: "int", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RowsRead = table.Column<int>(type: "int", nullable: false),
                    Matched = table.Column<int>(type: "int", nullable: false),
                    Unmatched = table.Column<int>(type: "int", nullable: false),
                    Invalid = table.Column<int>(type: "int", nullable: false),
                    AlreadyImported = table.Column<int>(type: "int", nullable: false),
                    WarningsRaised = table.Column<int>(type: "int", nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ImportedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ExternalRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ImportId = table.Column<int>(type: "int", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    RowKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    IdNumber = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: true),
                    Amount = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    Detail = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExternalRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExternalRecords_RecordImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "RecordImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Warnings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    JurisdictionId = table.Column<int>(type: "int", nullable: false),
                    RecordId = table.Column<long>(type: "bigint", nullable: false),
                    HouseholdId = table.Column<int>(type: "int", nullable: false),
                    PersonId = table.Column<int>(type: "int", nullable: false),
                    TownshipId = table.Column<int>(type: "int", nullable: false),
                    Severity = table.Column<int>(type: "int", nullable: false),
                    Text = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    RaisedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Warnings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Warnings_ExternalRecords_RecordId",
                        column: x => x.RecordId,
                        principalTable: "ExternalRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Warnings_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExternalRecords_IdNumber",
                table: "ExternalRecords",
                column: "IdNumber");

            migrationBuilder.CreateIndex(
                name: "IX_ExternalRecords_ImportId",
                table: "ExternalRecords",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_ExternalRecords_Source_RowKey",
                table: "ExternalRecords",
                columns: new[] { "Source", "RowKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecordImports_JurisdictionId_ImportedAtUtc",
                table: "RecordImports",
                columns: new[] { "JurisdictionId", "ImportedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Warnings_HouseholdId",
                table: "Warnings",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_Warnings_JurisdictionId_State_TownshipId_Severity_DueOn",
                table: "Warnings",
                columns: new[] { "JurisdictionId", "State", "TownshipId", "Severity", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Warnings_RecordId",
                table: "Warnings",
                column: "RecordId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Warnings");

            migrationBuilder.DropTable(
                name: "ExternalRecords");

            migrationBuilder.DropTable(
                name: "RecordImports");
        }
    }
}
